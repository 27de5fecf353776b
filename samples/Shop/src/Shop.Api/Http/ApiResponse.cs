using System.Text.Json;

namespace Shop.Api.Http;

/// <summary>An HTTP-style response: a status code and a body serialised as JSON.</summary>
public sealed record ApiResponse(int StatusCode, object? Body)
{
    /// <summary>200 with a body.</summary>
    public static ApiResponse Ok(object body) => new(200, body);

    /// <summary>201 with the created resource.</summary>
    public static ApiResponse Created(object body) => new(201, body);

    /// <summary>400: the request could not be read.</summary>
    public static ApiResponse BadRequest(string message) => new(400, new ErrorBody([message]));

    /// <summary>404: nothing at this path or with this id.</summary>
    public static ApiResponse NotFound(string message) => new(404, new ErrorBody([message]));

    /// <summary>405: the path exists but not for this method.</summary>
    public static ApiResponse MethodNotAllowed(string message) => new(405, new ErrorBody([message]));

    /// <summary>422: the request was understood but breaks a business rule.</summary>
    public static ApiResponse Unprocessable(IEnumerable<string> errors) => new(422, new ErrorBody([.. errors]));

    /// <summary>The body as JSON.</summary>
    public string BodyJson(bool indented = false) =>
        JsonSerializer.Serialize(Body, indented ? JsonDefaults.Indented : JsonDefaults.Options);

    /// <summary>The error payload.</summary>
    public sealed record ErrorBody(IReadOnlyList<string> Errors);
}
