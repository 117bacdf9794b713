import GRDB

/// The history file's schema, as an ordered list of migrations. A migration, once released,
/// never changes: a later version adds a new one, and an older binary refuses a file that a
/// newer one has migrated past (it would not know what the new columns mean).
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, counts, gaps, job snapshots") { db in
            // One row per recorded run. Times are ISO-8601 UTC text, readable with the sqlite3 shell.
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        asOf TEXT NOT NULL,
                        startedAt TEXT NOT NULL,
                        finishedAt TEXT NOT NULL,
                        source TEXT NOT NULL,
                        regions TEXT NOT NULL,
                        knownRegions TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        complete INTEGER NOT NULL,
                        jobCount INTEGER NOT NULL
                    );
                    CREATE INDEX run_asOf ON run(asOf);
                    CREATE TABLE run_count (
                        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        dimension TEXT NOT NULL,
                        value TEXT NOT NULL,
                        jobs INTEGER NOT NULL,
                        PRIMARY KEY (runId, dimension, value)
                    ) WITHOUT ROWID;
                    CREATE TABLE run_gap (
                        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        region TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        listIsComplete INTEGER NOT NULL,
                        PRIMARY KEY (runId, region)
                    ) WITHOUT ROWID;
                    CREATE TABLE job_snapshot (
                        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        region TEXT NOT NULL,
                        jobId TEXT NOT NULL,
                        accountId TEXT,
                        name TEXT,
                        jobStatus TEXT,
                        jobType TEXT,
                        lastRunErrorStatus TEXT,
                        lastRunTime REAL,
                        numberOfRuns REAL,
                        jobPausedAt REAL,
                        jobExpiresAt REAL,
                        caveats TEXT,
                        PRIMARY KEY (runId, region, jobId)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
