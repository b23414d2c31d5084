using CareLoop.Bench;

// bench/customer360.sh drives this; see docs/benchmarks.md.
//   generate --provider Sqlite|Postgres --connection CS --key BASE64 --customers N --units-per-customer K --sample FILE
//   lookup   --url http://127.0.0.1:5099 --password PW --sample FILE --requests N
var options = Options.Parse(args.Skip(1).ToArray());
return args.FirstOrDefault() switch
{
    "generate" => await Generator.RunAsync(options),
    "lookup" => await Lookup.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CareLoop.Bench generate|lookup --option value …");
    return 2;
}
