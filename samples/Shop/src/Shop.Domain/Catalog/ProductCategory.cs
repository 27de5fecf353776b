namespace Shop.Domain.Catalog;

/// <summary>The shelf a product sits on; shipping and tax rules differ per category.</summary>
public enum ProductCategory
{
    /// <summary>Loose-leaf tea and tea bags.</summary>
    Tea,

    /// <summary>Coffee beans and ground coffee.</summary>
    Coffee,

    /// <summary>Cups, pots, grinders and other equipment.</summary>
    Equipment,

    /// <summary>Gift cards; never shipped physically.</summary>
    GiftCard,
}
