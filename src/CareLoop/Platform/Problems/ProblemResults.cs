using CareLoop.Platform.Results;

namespace CareLoop.Platform.Problems;

/// <summary>Turns handler results into HTTP results: success as given, failure as a localized problem detail.</summary>
public static class ProblemResults
{
    public static IResult Problem(this HttpContext context, Error error)
    {
        var problem = context.RequestServices.GetRequiredService<ProblemFactory>().Create(context, error);
        return TypedResults.Problem(problem);
    }

    public static IResult ToHttp<T>(this Result<T> result, HttpContext context, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value!) : context.Problem(result.Error!);

    public static IResult ToHttp(this Result result, HttpContext context, Func<IResult> onSuccess) =>
        result.IsSuccess ? onSuccess() : context.Problem(result.Error!);
}
