using CareLoop.Bench;

// bench/customer360.sh drives this; see docs/benchmarks.md.
//   generate --provider Sqlite|Postgres --connection CS --key BASE64 --customers N --units-per-customer K --sample FILE
//   lookup   --url http://127.0.0.1:5099 --password PW --sample FILE --requests N
// bench/import.sh drives these:
//   sheet    --rows N --out FILE.xlsx
//   import   --url http://127.0.0.1:5099 --password PW --file FILE.xlsx
// bench/workorders.sh drives these:
//   workorders-generate --provider Sqlite|Postgres --connection CS --customers N --units-per-customer K --work-orders N --sample FILE
//                       [--sample-size N] [--engineers N]
//   workorders-run      --url http://127.0.0.1:5099 --password PW --sample FILE --requests N --concurrency C [--list-requests N]
//                       (--requests 0: lists only; --list-requests 0: transitions only)
// bench/intake.sh and bench/intake-crash.sh drive these:
//   intake        --url http://127.0.0.1:5094 --secret S [--key demo-shop] [--connections 32] [--warmup 5] [--duration 60]
//                 [--sample FILE (phones of generated customers)] [--returning-percent 20] [--run ID] [--log FILE]
//   intake-resend --url … --secret S --log FILE --out FILE [--sample FILE]  (every order of the log without an HTTP answer or with a 5xx)
// bench/dispatch.sh drives these:
//   dispatch-engine  [--engineers 1300] [--hubs 21] [--jobs 20000] [--seed 1]
//   dispatch-network --connection CS (PostgreSQL) [--engineers 1300] [--hubs 21] [--seed 1]
//   dispatch-run     --url … --password PW --connection CS [--concurrency 8]
// bench/settlement.sh drives this:
//   settlement-seed --connection CS (PostgreSQL) [--engineers 1300] [--work-orders 400000] [--providers 30] [--period 202610] [--seed 1]
// bench/routes.sh drives this:
//   routes        --seed N [--seconds 10] [--initial Greedy|CheapestInsertion|Both] [--parameters JSON] [--solutions N] [--neighbours N] [--lambda X] [--jobs 500] [--engineers 50] [--side-km 50]
// bench/page-budget.sh drives this:
//   page-budget   --url … --password PW [--runs 5] [--chromium /usr/bin/chromium]
// bench/lifecycle.sh drives these:
//   lifecycle-seed --provider Sqlite|Postgres --connection CS [--units 2000000]
//   lifecycle-run  --provider Sqlite|Postgres --connection CS --url … --password PW
var options = Options.Parse(args.Skip(1).ToArray());
return args.FirstOrDefault() switch
{
    "generate" => await Generator.RunAsync(options),
    "lookup" => await Lookup.RunAsync(options),
    "sheet" => Sheet.Write(options),
    "import" => await Sheet.ImportAsync(options),
    "workorders-generate" => await WorkOrders.GenerateAsync(options),
    "workorders-run" => await WorkOrders.RunAsync(options),
    "intake" => await Intake.RunAsync(options),
    "intake-resend" => await Intake.ResendAsync(options),
    "intake-batch" => await Intake.BatchAsync(options),
    "dispatch-engine" => Dispatch.Engine(options),
    "dispatch-network" => await Dispatch.NetworkAsync(options),
    "dispatch-run" => await Dispatch.RunAsync(options),
    "routes" => Routes.Run(options),
    "page-budget" => await PageBudget.RunAsync(options),
    "lifecycle-seed" => await Lifecycle.SeedAsync(options),
    "lifecycle-run" => await Lifecycle.RunAsync(options),
    "settlement-seed" => await Settlement.SeedAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CareLoop.Bench generate|lookup|sheet|import|workorders-generate|workorders-run|intake|intake-resend|intake-batch|dispatch-engine|dispatch-network|dispatch-run|routes|page-budget|lifecycle-seed|lifecycle-run|settlement-seed --option value …");
    return 2;
}
