import AWSSigV4
import Foundation
import JobFetch
import Macie2Model

extension Macie2Service {
    /// A Macie2 restJson1 request: signed for `macie2`, then `--deny-region`, then Macie being
    /// on for the caller's account in the region, then the per-operation denials, the rate
    /// limit and the random faults, then the operation on the caller's dataset.
    func macie2(_ operation: EmulatorRoute.Macie2Operation, _ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        tally.requests[operation.name, default: 0] += 1
        let region: String
        let caller: Caller
        switch authenticate(request, service: "macie2") {
        case .success(let authenticated): (region, caller) = (authenticated.region, authenticated.caller)
        case .failure(let refusal): return .respond(refusal.response, delay: delay)
        }
        if faults.options.deniedRegions.contains(region) {
            return fault(
                "deniedRegion",
                .error("AccessDeniedException", 403, "User is not authorized to perform: macie2:\(operation.name) in \(region)."),
                delay)
        }
        if directory.isMacieOff(caller.accountId, region) {
            tally.refusals["macieNotEnabled", default: 0] += 1
            return .respond(.error("AccessDeniedException", faults.options.macieOffStatus, "Macie is not enabled."), delay: delay)
        }
        if operation == .getFindingStatistics, faults.options.deniedFindingsRegions.contains(region) {
            return fault(
                "deniedFindings",
                .error(
                    "AccessDeniedException", 403, "User: \(caller.arn) is not authorized to perform: macie2:GetFindingStatistics"),
                delay)
        }
        if !faults.admit(at: now()) {
            return fault("rateLimit", .error("ThrottlingException", 429, "Rate exceeded"), delay)
        }
        if faults.chance(faults.options.dropRate) {
            tally.faults["drop", default: 0] += 1
            return .drop(delay: delay)
        }
        if faults.chance(faults.options.throttleRate) {
            return fault("throttle", .error("ThrottlingException", 429, "Rate exceeded"), delay)
        }
        if faults.chance(faults.options.serverErrorRate) {
            return fault("serverError", .error("InternalServerException", 500, "Internal server error"), delay)
        }
        let response: EmulatorResponse
        switch (operation, operation == .listMembers ? .success(.empty) : dataset(caller.accountId)) {
        case (_, .failure(let unreadable)): response = unreadable.response
        case (.listClassificationJobs, .success(let data)): response = list(request.body, jobs: data.jobs[region] ?? [])
        case (.describeClassificationJob(let rawJobId), .success(let data)):
            response = describe(rawJobId, data: data, region: region)
        case (.getFindingStatistics, .success(let data)):
            response = FindingStatisticsOperation.answer(request.body, findings: data.findings[region] ?? [])
        case (.listMembers, _):
            response = ListMembersOperation.answer(
                query: request.query, members: caller.accountId == directory.home ? directory.macieMembers : [],
                administrator: caller.accountId, region: region, serial: { nextSerial() })
        }
        if response.status == 400 { tally.validationErrors += 1 }
        return .respond(response, delay: delay)
    }

    private func list(_ body: [UInt8], jobs: [RecordedJob]) -> EmulatorResponse {
        let request: ListClassificationJobsRequest
        do {
            request = try ListRequestValidator.validate(body)
        } catch {
            return .error("ValidationException", 400, error.message)
        }
        let query = JobQuery(filter: request.filterCriteria, sort: request.sortCriteria)
        do {
            try query.validate()
        } catch {
            return .error("ValidationException", 400, error.message)
        }
        let size = request.maxResults ?? Self.defaultPageSize
        guard (1...Self.maxPageSize).contains(size) else {
            return .error("ValidationException", 400, "maxResults must be between 1 and \(Self.maxPageSize).")
        }
        let fingerprint = Self.fingerprint(request)
        var start = 0
        if let token = request.nextToken {
            guard let page = PageToken(token), page.query == fingerprint else {
                return .error("ValidationException", 400, "The nextToken is invalid or does not belong to this query.")
            }
            start = page.offset
        }
        let matched = query.apply(to: jobs.map(\.job))
        var count = min(size, faults.options.pageSizeCap, max(0, matched.count - start))
        if count > 0, faults.chance(faults.options.emptyPageRate) {
            tally.faults["emptyPage", default: 0] += 1
            count = 0
        } else if count > 1, faults.chance(faults.options.shortPageRate) {
            tally.faults["shortPage", default: 0] += 1
            count = 1 + faults.below(count - 1)
        }
        if faults.options.repeatTokens, let token = request.nextToken {
            tally.faults["repeatedToken", default: 0] += 1
            let items = matched[min(start, matched.count)..<min(start + count, matched.count)].map(JobSummary.init)
            return .json(
                (try? Macie2JSON.encoder().encode(ListClassificationJobsResponse(items: items, nextToken: token))) ?? Data())
        }
        let end = min(start + count, matched.count)
        let page = ListClassificationJobsResponse(
            items: matched[min(start, matched.count)..<end].map(JobSummary.init),
            nextToken: end < matched.count ? PageToken(offset: end, query: fingerprint, serial: nextSerial()).encoded : nil)
        return .json((try? Macie2JSON.encoder().encode(page)) ?? Data())
    }

    private func describe(_ rawId: String, data: AccountDataset, region: String) -> EmulatorResponse {
        let jobId = SigV4.percentDecode(rawId)
        guard let recorded = data.job(jobId, in: region) else {
            return .error("ResourceNotFoundException", 404, "The specified resource wasn't found: job \(jobId).")
        }
        if faults.hasVanished(jobId) {
            tally.faults["vanished", default: 0] += 1
            return .error("ResourceNotFoundException", 404, "The specified resource wasn't found: job \(jobId).")
        }
        return .json(recorded.body)
    }

    /// Binds page tokens to the filter and sort they were made for.
    static func fingerprint(_ request: ListClassificationJobsRequest) -> String {
        var unpaged = request
        unpaged.nextToken = nil
        unpaged.maxResults = nil
        let json = (try? Macie2JSON.encoder().encode(unpaged)) ?? Data()
        return String(FaultState.fnv1a(String(decoding: json, as: UTF8.self)), radix: 16)
    }
}
