using Microsoft.AspNetCore.Antiforgery;

namespace TokenDashboard.Hosting;

/// <summary>
/// A form posted without a valid antiforgery token (missing, expired, or made for another user) gets a plain 400 page
/// here, right after the antiforgery check. Left to the framework it would surface as an exception or an empty 400,
/// and the error pages, re-executed as the same POST, would fail the same check. The security headers apply as on
/// every answer.
/// </summary>
internal static class AntiforgeryRefusal
{
    private const string Page =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad request · TokenDashboard</title></head>" +
        "<body><h1>Bad request</h1><p>The form was missing its security token, or the token had expired. Go back, reload " +
        "the page and try again.</p><p><a href=\"/\">Back to the dashboard</a></p></body></html>";

    public static IApplicationBuilder UseAntiforgeryRefusalPage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page, context.RequestAborted);
                return;
            }
            await next(context);
        });
}
