using CareLoop.Bench;

// bench/customer360.sh drives this; see docs/benchmarks.md.
//   generate --provider Sqlite|Postgres --connection CS --key BASE64 --customers N --units-per-customer K --sample FILE
//   lookup   --url http://127.0.0.1:5099 --password PW --sample FILE --requests N
// bench/import.sh drives these:
//   sheet    --rows N --out FILE.xlsx
//   import   --url http://127.0.0.1:5099 --password PW --file FILE.xlsx
var options = Options.Parse(args.Skip(1).ToArray());
return args.FirstOrDefault() switch
{
    "generate" => await Generator.RunAsync(options),
    "lookup" => await Lookup.RunAsync(options),
    "sheet" => Sheet.Write(options),
    "import" => await Sheet.ImportAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CareLoop.Bench generate|lookup|sheet|import --option value …");
    return 2;
}
