namespace Shop.Api.Http;

/// <summary>A group of routes about one resource; registered in the container and mapped at start-up.</summary>
public interface IEndpoint
{
    /// <summary>Adds this endpoint's routes to the router.</summary>
    void Map(RequestRouter router);
}
