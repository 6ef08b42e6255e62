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
            runs.AddCommand<Commands.Runs.RunsStopCommand>("stop").WithDescription("Emergency stop: workers finish their batch and stop");
        });
        config.AddCommand<EvalCommand>("eval").WithDescription("Run a mongosh-syntax JavaScript file or expression against a store (sandboxed)");
        config.AddCommand<ExportCommand>("export").WithDescription("Export a collection as canonical Extended JSON, one document per line");
        config.AddCommand<ImportCommand>("import").WithDescription("Import JSON lines into a collection; a bad line refuses the file unless --continue-on-error");
        config.AddCommand<Commands.Assess.AnalyzeCommand>("analyze").WithDescription("Assess a database: volumes, indexes, inferred schema and references, dependency order, complexity");
        config.AddCommand<Commands.Assess.PlanCommand>("plan").WithDescription("Plan a migration: steps in dependency order, time measured on a sample, resources, maintenance window; --plan-file for ferry run");
        config.AddCommand<Commands.Assess.HealthCommand>("health").WithDescription("Check the store and its surroundings: connectivity, server, disk, migrations, lock, last good backup, endpoints; exit 1 on a failed check");
        config.AddCommand<VersionCommand>("version").WithDescription("Print Ferry's version");
    }
}
