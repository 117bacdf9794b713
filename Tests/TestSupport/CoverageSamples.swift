import Foundation

extension TestSupport {
    /// A walk of three accounts in two regions, as a samples folder: Prod (111122223333) read in
    /// us-east-1 with Macie off in eu-west-1; "=Finance, EU" (777788889999) read in us-east-1
    /// and denied in eu-west-1; Sandbox (444455556666) whose role could not be assumed. The
    /// names test escaping: a formula-like name with a comma, and one with markup.
    public enum CoverageSamples {
        public static let roleReason = "role MacieReport could not be assumed in account 444455556666: AccessDenied"
        public static let deniedReason = "access denied listing the jobs (macie2:ListClassificationJobs); grant it in eu-west-1"

        public static let manifest = #"""
            {"format": "macie-report samples", "version": 1, "scopes": [
              {"accountId": "111122223333", "accountName": "Prod", "region": "us-east-1"},
              {"accountId": "111122223333", "accountName": "Prod", "region": "eu-west-1", "state": "macie-off"},
              {"accountId": "444455556666", "accountName": "Sandbox <test>", "region": "us-east-1", "state": "role-denied",
               "gap": {"reason": "\#(roleReason)", "listIsComplete": false}},
              {"accountId": "444455556666", "accountName": "Sandbox <test>", "region": "eu-west-1", "state": "role-denied",
               "gap": {"reason": "\#(roleReason)", "listIsComplete": false}},
              {"accountId": "777788889999", "accountName": "=Finance, EU", "region": "us-east-1"},
              {"accountId": "777788889999", "accountName": "=Finance, EU", "region": "eu-west-1", "state": "denied",
               "gap": {"reason": "\#(deniedReason)", "listIsComplete": false}}
            ]}
            """#

        public static func job(_ id: String, _ name: String, account: String, error: Bool) -> String {
            #"{"jobId":"\#(id)","jobArn":"arn:aws:macie2:us-east-1:\#(account):classification-job/\#(id)","name":"\#(name)","jobStatus":"RUNNING","jobType":"SCHEDULED","lastRunErrorStatus":{"code":"\#(error ? "ERROR" : "NONE")"}}"#
        }

        public static func folder() throws -> URL {
            try TestSupport.folder(with: [
                "scopes.json": manifest,
                "111122223333/us-east-1.json":
                    "[\(job("a1", "nightly pii", account: "111122223333", error: true)),\(job("a2", "weekly", account: "111122223333", error: false))]",
                "777788889999/us-east-1.json": "[\(job("f1", "ledger", account: "777788889999", error: false))]",
            ])
        }
    }
}
