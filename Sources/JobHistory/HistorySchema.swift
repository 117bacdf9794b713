import Foundation
import GRDB
import JobFetch

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
        migrator.registerMigration("v2: scopes (account, region)") { db in
            // A run's scopes and the scopes whose full job list is known, as JSON arrays of
            // {"accountId", "region"}; the regions of a v1 run become scopes of an unknown
            // account, which compare with any account there (see Scope.matches).
            try db.execute(sql: "ALTER TABLE run ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]'")
            try db.execute(sql: "ALTER TABLE run ADD COLUMN knownScopes TEXT NOT NULL DEFAULT '[]'")
            let update = try db.makeStatement(sql: "UPDATE run SET scopes = ?, knownScopes = ? WHERE id = ?")
            for row in try Row.fetchAll(db, sql: "SELECT id, regions, knownRegions FROM run") {
                let id: Int64 = row["id"]
                let regions = try StoredScope.regions(row["regions"], run: id)
                let known = try StoredScope.regions(row["knownRegions"], run: id)
                try update.execute(arguments: [
                    StoredScope.json(regions.map { Scope(region: $0) }), StoredScope.json(known.map { Scope(region: $0) }), id,
                ])
            }
            // A gap belongs to a scope: '' is the unknown account (a key column cannot be NULL).
            try db.execute(
                sql: """
                    CREATE TABLE run_gap_v2 (
                        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        accountId TEXT NOT NULL DEFAULT '',
                        region TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        listIsComplete INTEGER NOT NULL,
                        PRIMARY KEY (runId, accountId, region)
                    ) WITHOUT ROWID;
                    INSERT INTO run_gap_v2 (runId, accountId, region, reason, listIsComplete)
                        SELECT runId, '', region, reason, listIsComplete FROM run_gap;
                    DROP TABLE run_gap;
                    ALTER TABLE run_gap_v2 RENAME TO run_gap;
                    ALTER TABLE job_snapshot ADD COLUMN scopeAccountId TEXT;
                    """)
        }
        migrator.registerMigration("v3: last-run error types, buckets and accounts") { db in
            // Only for jobs whose last run's log events were read: a JSON array of
            // {"type", "level", "events", "buckets", "accounts"} ('[]' when read and no error
            // was logged). NULL when the events were not looked up or could not be read, and
            // for every job of an earlier run: nothing is compared against unknown data.
            try db.execute(sql: "ALTER TABLE job_snapshot ADD COLUMN lastRunErrorTypes TEXT")
            // Set when reading stopped at the event limit: the lists above are not whole.
            try db.execute(sql: "ALTER TABLE job_snapshot ADD COLUMN lastRunErrorsStoppedAfter INTEGER")
        }
        migrator.registerMigration("v4: finding counts by severity") { db in
            // A job's finding counts as the run read them, and the run's totals for the trend.
            // NULL in all three when not known (findings not read, the call failed in the
            // job's scope), and for every job and run of an earlier version: a count nobody
            // read is never 0, so no finding is ever told as new against it.
            try db.execute(
                sql: """
                    ALTER TABLE job_snapshot ADD COLUMN findingsHigh INTEGER;
                    ALTER TABLE job_snapshot ADD COLUMN findingsMedium INTEGER;
                    ALTER TABLE job_snapshot ADD COLUMN findingsLow INTEGER;
                    ALTER TABLE run ADD COLUMN findingsHigh INTEGER;
                    ALTER TABLE run ADD COLUMN findingsMedium INTEGER;
                    ALTER TABLE run ADD COLUMN findingsLow INTEGER;
                    """)
        }
        return migrator
    }
}
