using Ferry.Cli.Commands;
using Ferry.Cli.Commands.Backup;
using Ferry.Cli.Commands.Demo;
using Ferry.Cli.Commands.Eval;
using Ferry.Cli.Commands.Migrate;
using Ferry.Cli.Commands.Transfer;
using Spectre.Console.Cli;

namespace Ferry.Cli.Infrastructure;

/// <summary>Every verb, with its one-line description (shown by ferry --help).</summary>
public static class CommandCatalog
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch<FerrySettings>("demo", demo =>
        {
            demo.SetDescription("Seed the Infra Mind demo data set (known planted defects) in ./ferry-demo and walk the lifecycle; identify or remove demo data.\n"
                + "ferry demo [[--dir DIR (default ./ferry-demo)]] [[--size USERS (default 1000)]] [[--seed N (default 42)]] [[--keep]] [[--json]]");
            demo.AddExample("demo", "--size", "5000");
            demo.AddExample("demo", "identify", "--uri", "file:./ferry-demo/data", "--db", "inframind_demo", "--rules", "ferry-demo/demo-to-prod.yaml");
            demo.SetDefaultCommand<DemoCommand>();
            demo.AddCommand<DemoIdentifyCommand>("identify").WithDescription("Count the documents the rules' demo_markers find");
            demo.AddCommand<DemoRemoveCommand>("remove").WithDescription("Remove demo data (--confirm), after a verified backup");
        });
        config.AddBranch("backup", backup =>
        {
            backup.SetDescription("Tagged backups in mongodump's formats: create, verify, list, last-good, restore");
            backup.AddCommand<BackupCreateCommand>("create").WithDescription("Back up databases of a store under a tag (directory or --archive, optional --gzip)");
            backup.AddCommand<BackupVerifyCommand>("verify").WithDescription("Re-read every file of a backup: sizes, SHA-256, BSON, counts; exit 1 on any problem");
            backup.AddCommand<BackupListCommand>("list").WithDescription("List backups: tag, created, source, counts, bytes, verified");
            backup.AddCommand<BackupLastGoodCommand>("last-good").WithDescription("Find the newest backup that verifies");
            backup.AddCommand<BackupRestoreCommand>("restore").WithDescription("Restore a backup (--tag) or a mongodump folder/archive (--from) into a store");
        });
        config.AddBranch<FerrySettings>("migrate", migrate =>
        {
            migrate.SetDescription("Versioned schema migrations (JavaScript or C#): changelog, lock, checksums, up/down; --db takes a list or a pattern (tenant_*)");
            migrate.AddCommand<MigrateStatusCommand>("status").WithDescription("Show every migration: applied, pending, changed, missing file");
            migrate.AddCommand<MigratePendingCommand>("pending").WithDescription("List the migrations not applied yet");
            migrate.AddCommand<MigrateUpCommand>("up").WithDescription("Apply pending migrations (all, --to V, or --version V)");
            migrate.AddCommand<MigrateDownCommand>("down").WithDescription("Roll back a migration with its down part (--version V, optionally --cascade)");
            migrate.AddCommand<MigrateCreateCommand>("create").WithDescription("Write a new migration file with the next version");
            migrate.AddCommand<MigratePlanCommand>("plan").WithDescription("List pending migrations; exit 1 when there are any (CI gate)");
            migrate.AddCommand<MigrateBaselineCommand>("baseline").WithDescription("Record migrations up to --to V as applied without running them");
            migrate.AddCommand<MigrateMarkCommand>("mark").WithDescription("Record one migration as --applied or --unapplied without running it");
            migrate.AddCommand<MigrateHistoryCommand>("history").WithDescription("Show the append-only migration history");
        });
        config.AddCommand<Commands.Transform.TransformCommand>("transform").WithDescription("Transform demo data into production shape as a resumable run (rules in YAML)");
        config.AddCommand<Commands.Validate.ValidateCommand>("validate").WithDescription("Check a database against validation rules (fields, uniqueness, references, completeness, $jsonSchema)");
        config.AddBranch("doctor", doctor =>
        {
            doctor.SetDescription("Find and repair integrity problems without losing data");
            doctor.AddCommand<Commands.Doctor.DoctorIntegrityCommand>("integrity").WithDescription("List duplicates and orphans; --fix merges and quarantines them");
            doctor.AddCommand<Commands.Doctor.RestoreQuarantineCommand>("restore-quarantine").WithDescription("Put a run's quarantined documents back");
        });
        config.AddBranch("runs", runs =>
        {
            runs.SetDescription("Inspect and stop runs (the journal in _ferry_runs)");
            runs.AddCommand<Commands.Runs.RunsListCommand>("list").WithDescription("List runs, oldest first");
            runs.AddCommand<Commands.Runs.RunsShowCommand>("show").WithDescription("Show one run's journal");
            runs.AddCommand<Commands.Runs.RunsStopCommand>("stop").WithDescription("Stop a run within seconds (its uncommitted batch is abandoned; a resume redoes it)");
        });
        config.AddBranch("emergency", emergency =>
        {
            emergency.SetDescription("Emergency procedures: stop every run of a store; recover from the last good backup");
            emergency.AddCommand<Commands.Emergency.EmergencyStopCommand>("stop").WithDescription("Stop every running run, run the stop hooks, take and verify an emergency backup");
            emergency.AddCommand<Commands.Emergency.EmergencyRecoverCommand>("recover").WithDescription("Restore the last good backup, verify, run the recover hooks, health and smoke checks");
        });
        config.AddBranch("indexes", indexes =>
        {
            indexes.SetDescription("Indexes as part of the schema: list with sizes, usage, unused, apply a declared set, drop (recorded), optimize");
            indexes.AddCommand<Commands.Indexes.IndexesListCommand>("list").WithDescription("List indexes with key, properties, size and usage counter");
            indexes.AddCommand<Commands.Indexes.IndexesUsageCommand>("usage").WithDescription("Index usage, most used first ($indexStats; the embedded store's counters)");
            indexes.AddCommand<Commands.Indexes.IndexesUnusedCommand>("unused").WithDescription("Indexes with no access since --since DATE or creation (not _id_, not unique); exit 1 when any");
            indexes.AddCommand<Commands.Indexes.IndexesApplyCommand>("apply").WithDescription("Create a declared index set (YAML/JSON) idempotently, timing each build; --recreate NAME rebuilds a dropped one");
            indexes.AddCommand<Commands.Indexes.IndexesDropCommand>("drop").WithDescription("Drop an index (--confirm), recording its definition for --recreate");
            indexes.AddCommand<Commands.Indexes.IndexesOptimizeCommand>("optimize").WithDescription("Rebuild/compact: embedded REINDEX, ANALYZE, VACUUM; MongoDB compact; space reclaimed reported");
        });
        config.AddCommand<Commands.Cleanup.CleanupCommand>("cleanup").WithDescription("Remove Ferry's old state (finished runs, id maps, restored quarantine, temp data), old backups (never the last good one) and, with --demo, demo data with what references it; --dry-run lists, --confirm removes");
        config.AddBranch("schema", schema =>
        {
            schema.SetDescription("Schema as code: collections, validators, indexes and reference data declared in YAML");
            schema.AddCommand<Commands.Schema.SchemaDiffCommand>("diff").WithDescription("What would change to match a declared schema; exit 1 when the store differs; --emit-migration NAME writes it as a migration");
            schema.AddCommand<Commands.Schema.SchemaApplyCommand>("apply").WithDescription("Make the store match a declared schema, idempotently; drops only with --allow-drop, after a verified backup");
        });
        config.AddBranch("troubleshoot", troubleshoot =>
        {
            troubleshoot.SetDescription("Diagnose memory, performance and integrity problems, each finding with its fix; exit 1 when something needs attention");
            troubleshoot.AddCommand<Commands.Troubleshoot.TroubleshootMemoryCommand>("memory").WithDescription("Process and machine memory, largest collections and documents, batch size and partitions that fit");
            troubleshoot.AddCommand<Commands.Troubleshoot.TroubleshootPerformanceCommand>("performance").WithDescription("dbStats, long operations, unused and duplicate-prefix indexes, probe queries that scan without an index");
            troubleshoot.AddCommand<Commands.Troubleshoot.TroubleshootIntegrityCommand>("integrity").WithDescription("The doctor's findings summarised, with the fix command for each");
        });
        config.AddCommand<Commands.Monitor.MonitorCommand>("monitor").WithDescription("Follow a run live from its journal until it ends (exit 0 completed, 1 not); default: the newest running run");
        config.AddCommand<EvalCommand>("eval").WithDescription("Run a mongosh-syntax JavaScript file or expression against a store (sandboxed)");
        config.AddCommand<ExportCommand>("export").WithDescription("Export a collection as canonical Extended JSON, one document per line");
        config.AddCommand<ImportCommand>("import").WithDescription("Import JSON lines into a collection; a bad line refuses the file unless --continue-on-error");
        config.AddCommand<Commands.Report.ReportCommand>("report").WithDescription("Report a run (RUN or --last) as JSON, Markdown or a self-contained HTML page with charts");
        config.AddCommand<Commands.Plans.PlanRunCommand>("run").WithDescription("Run a migration plan (backup, health, migrate/transform, validate, smoke, hooks) with automatic rollback");
        config.AddCommand<Commands.Plans.RehearseCommand>("rehearse").WithDescription("Rehearse a plan offline: restore a backup into a temporary store, run the plan there, report durations, an estimate for the real store, validation and thresholds");
        config.AddCommand<Commands.Plans.RollbackCommand>("rollback").WithDescription("Roll back a finished plan run: hooks, restore its backup, verify against its baseline, hooks, checks");
        config.AddCommand<Commands.Assess.AnalyzeCommand>("analyze").WithDescription("Assess a database: volumes, indexes, inferred schema and references, dependency order, complexity");
        config.AddCommand<Commands.Assess.PlanCommand>("plan").WithDescription("Plan a migration: steps in dependency order, time measured on a sample, resources, maintenance window; --plan-file for ferry run");
        config.AddCommand<Commands.Assess.HealthCommand>("health").WithDescription("Check the store and its surroundings: connectivity, server, disk, migrations, lock, last good backup, endpoints; exit 1 on a failed check");
        config.AddCommand<VersionCommand>("version").WithDescription("Print Ferry's version");
        config.AddCommand<Commands.Serve.ServeCommand>("serve").WithDescription("Serve an embedded store over MongoDB's wire protocol (drivers, shells, the application) for rehearsals; not a production database");
    }
}
