// swift-tools-version: 6.0
import PackageDescription

// The pipeline, one module per stage:
//   Macie2Model (API shapes) → JobFetch (sources) → JobTransform (records, summaries)
//   → ReportRender (CSV, HTML, XLSX) ; ReportPipeline wires them; MacieReportCLI is the thin front.
let package = Package(
    name: "macie-report",
    // What the code needs, not what it is tested on. Linux is where it is built, tested (CI)
    // and run; macOS 15 is the least macOS could be: Synchronization's Mutex (MailDelivery's
    // SMTP handler, StandardErrorOutput) is macOS 15 API, the concurrency and Duration APIs are
    // macOS 13. The Glibc-specific calls are behind #if canImport(Glibc) / Darwin (write(2),
    // fopencookie in CStdioRoute, malloc_trim looked up at run time), but no macOS build is
    // part of CI, so a macOS build is untested.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "macie-report", targets: ["MacieReportCLI"]),
        .executable(name: "macie2-emulator", targets: ["Macie2EmulatorCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .target(name: "Macie2Model"),
        // Reading a file the user named (samples, --config, templates, attachments) with a size
        // limit and a message that names the true cause. Foundation only, so every module that
        // reads such files can use it.
        .target(name: "FileInput"),
        // The one stderr writer every module writes through, so that a stop message can be the
        // last thing said; CStdioRoute brings C libraries' fprintf(stderr) under it.
        .target(name: "CStdioRoute"),
        .target(name: "StandardErrorOutput", dependencies: ["CStdioRoute"]),
        // Signature Version 4: depends on crypto and nothing else; the client signs with it,
        // the emulator verifies with it.
        .target(name: "AWSSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Macie's classification job log events (CloudWatch Logs): the FilterLogEvents shapes,
        // the event message, its types and levels, the remedies, and which events explain a run.
        .target(name: "JobLogModel", dependencies: ["Macie2Model"]),
        .target(name: "JobFetch", dependencies: ["Macie2Model", "FileInput", "JobLogModel"]),
        .target(name: "JobTransform", dependencies: ["Macie2Model", "JobFetch", "JobLogModel"]),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        .target(
            name: "ReportRender",
            dependencies: [
                "Macie2Model", "JobTransform", "CXlsxWriter", "FileInput", "StandardErrorOutput", "JobFetch", "JobLogModel",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: [.plugin(name: "EmbedTemplatesPlugin")]
        ),
        // Run history: one SQLite file (through GRDB) that remembers each night's jobs, so the
        // next report can say what changed.
        .target(
            name: "JobHistory",
            dependencies: ["Macie2Model", "JobFetch", "JobTransform", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ReportPipeline",
            dependencies: [
                "JobFetch", "JobTransform", "ReportRender", "JobHistory", "FileInput", "ChildProcess", "StandardErrorOutput",
            ]),
        // One AWS client for every service: endpoints, regions, settings, the credential chain,
        // signing, retries, deadlines and errors per protocol; STS's operations on it.
        .target(
            name: "AWSClient",
            dependencies: [
                "AWSSigV4", "FileInput", "ChildProcess",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // CloudWatch Logs' FilterLogEvents on the client, and reading one job's log events.
        .target(name: "CloudWatchLogsClient", dependencies: ["AWSClient", "JobLogModel"]),
        // Organizations' ListAccounts on the client: the accounts of the organization to walk.
        .target(name: "OrganizationsClient", dependencies: ["AWSClient"]),
        // Stores the reports in S3 (PutObject, multipart uploads) and presigns links to them.
        .target(name: "S3Client", dependencies: ["AWSClient", "AWSSigV4"]),
        // SES v2's SendEmail (Raw) on the client: the report email through SES instead of SMTP or sendmail.
        .target(name: "SESClient", dependencies: ["AWSClient"]),
        // The live source: Macie2's operations as a thin table on the client, and the walk.
        .target(
            name: "Macie2Client",
            dependencies: [
                "AWSClient", "AWSSigV4", "Macie2Model", "JobFetch", "JobLogModel", "CloudWatchLogsClient",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A local endpoint for every API macie-report calls (Macie2, STS, Logs, Organizations, S3,
        // SES v2) with fault injection, for tests and first runs; Crypto for S3's MD5 ETags.
        .target(
            name: "Macie2Emulator",
            dependencies: [
                "Macie2Model", "JobFetch", "JobLogModel", "AWSSigV4",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Programs the run starts (sendmail, credential_process): a process group of their own,
        // a deadline, capped output, and a list the run's SIGTERM stops. Foundation only.
        .target(name: "ChildProcess"),
        // Email delivery: the MIME message, SMTP (STARTTLS, implicit TLS, AUTH) and sendmail.
        .target(
            name: "MailDelivery",
            dependencies: [
                "ChildProcess",
                "FileInput",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "Macie2EmulatorCLI",
            dependencies: [
                "Macie2Emulator", "JobFetch", "JobLogModel", "AWSSigV4",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "MacieReportCLI",
            dependencies: [
                "ReportPipeline", "Macie2Client", "AWSClient", "CloudWatchLogsClient", "OrganizationsClient", "JobHistory", "MailDelivery",
                "SESClient", "S3Client", "FileInput", "ChildProcess",
                "StandardErrorOutput", "Macie2Model", "JobFetch", "JobTransform", "ReportRender",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Embeds templates/*.mustache into the binary at build time, so the nightly job ships as one file.
        .executableTarget(name: "EmbedTemplatesTool"),
        .plugin(
            name: "EmbedTemplatesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedTemplatesTool"],
            path: "Sources/EmbedTemplatesPlugin"
        ),
        // Shared by the test targets only: repository paths, scratch folders, running the binary.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "Macie2ModelTests", dependencies: ["Macie2Model"]),
        .testTarget(name: "FileInputTests", dependencies: ["FileInput", "TestSupport"]),
        .testTarget(name: "StandardErrorOutputTests", dependencies: ["StandardErrorOutput", "TestSupport"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        // AWS's SigV4 suite (Apache-2.0, from aws-c-auth) travels with the test: see its NOTICE.
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"], resources: [.copy("Resources/sigv4")]),
        .testTarget(
            name: "Macie2EmulatorTests",
            dependencies: [
                "Macie2Emulator", "Macie2Model", "JobFetch", "JobLogModel", "AWSSigV4", "TestSupport",
                // MD5 computed independently of the emulator, to check its S3 ETags.
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "AWSClientTests",
            dependencies: [
                "AWSClient", "Macie2Client", "OrganizationsClient", "Macie2Model", "AWSSigV4", "JobFetch", "JobLogModel",
                "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "S3ClientTests", dependencies: ["S3Client", "AWSClient", "AWSSigV4", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "SESClientTests",
            dependencies: ["SESClient", "AWSClient", "AWSSigV4", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "JobFetchTests", dependencies: ["JobFetch", "Macie2Model", "TestSupport"]),
        .testTarget(
            name: "JobTransformTests", dependencies: ["JobTransform", "JobFetch", "JobLogModel", "Macie2Model", "TestSupport"]),
        .testTarget(
            name: "JobHistoryTests",
            dependencies: [
                "JobHistory", "JobTransform", "JobFetch", "JobLogModel", "Macie2Model", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ReportRenderTests",
            dependencies: [
                "ReportRender", "JobTransform", "JobFetch", "JobLogModel", "Macie2Model", "TestSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .testTarget(
            name: "MacieReportCLITests",
            dependencies: [
                "MacieReportCLI", "TestSupport", "JobFetch", "AWSClient", "AWSSigV4", "MailDelivery", "ReportPipeline",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "MailDeliveryTests",
            dependencies: [
                "MailDelivery", "ChildProcess", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
