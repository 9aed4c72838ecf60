using System.Net.Mail;
using CouplingPortal.Core.MasterData.Contacts;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CouplingPortal.Core.MasterData.Validation;

/// <summary>
/// Field rules as Business Central users expect them: required fields, the table's field lengths (read from the EF
/// model, so there is one source), e-mail and web address formats, sensible numeric ranges and known options.
/// Uniqueness needs the database and is checked by the service.
/// </summary>
internal static class MasterDataValidator
{
    private static readonly HashSet<string> EmailFields = ["Email", "Email2"];
    private static readonly HashSet<string> UrlFields = ["HomePage"];
    private static readonly HashSet<string> NonNegativeFields =
        ["CreditLimitLcy", "UnitPrice", "UnitCost", "UnitVolume", "GrossWeight", "Capacity"];

    /// <summary>Amounts beyond this do not fit numeric(18, 5) and make no sense on a card.</summary>
    private const decimal MaxAmount = 999_999_999_999m;

    /// <summary>
    /// Code fields are upper case in BC (its Code type); normalizing before validating makes "10000" and the
    /// uniqueness check agree with what is stored.
    /// </summary>
    private static readonly HashSet<string> CodeFields =
    [
        "No", "Code", "CompanyNo", "PrimaryContactNo", "BusinessRelationNo", "VendorNo", "PostCode", "CountryRegionCode",
        "SalespersonCode", "PurchaserCode", "CurrencyCode", "PaymentTermsCode", "ShipmentMethodCode", "ShippingAgentCode",
        "SalutationCode", "BaseUnitOfMeasure",
    ];

    /// <summary>True for BC Code fields (stored trimmed and upper case).</summary>
    public static bool IsCodeField(string field) => CodeFields.Contains(field);

    public static void Normalize(object entity)
    {
        foreach (var property in entity.GetType().GetProperties())
        {
            if (property.PropertyType != typeof(string) || !property.CanWrite)
                continue;
            var value = (string?)property.GetValue(entity) ?? "";
            value = value.Trim();
            if (CodeFields.Contains(property.Name))
                value = value.ToUpperInvariant();
            property.SetValue(entity, value);
        }
    }

    public static Dictionary<string, List<string>> Validate(object entity, IEntityType entityType, IEnumerable<string> requiredFields)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
                errors[field] = list = [];
            list.Add(message);
        }

        foreach (var field in requiredFields)
        {
            if (string.IsNullOrWhiteSpace((string?)entity.GetType().GetProperty(field)!.GetValue(entity)))
                Add(field, MasterDataText.Message("Required", MasterDataText.FieldCaption(field)));
        }

        foreach (var property in entityType.GetProperties())
        {
            if (property.PropertyInfo is not { } info)
                continue;
            var value = info.GetValue(entity);
            var caption = MasterDataText.FieldCaption(property.Name);
            switch (value)
            {
                case string text:
                    if (property.GetMaxLength() is { } max && text.Length > max)
                        Add(property.Name, MasterDataText.Message("MaxLength", caption, max, text.Length));
                    else if (text.Length > 0 && EmailFields.Contains(property.Name) && !IsValidEmailList(text))
                        Add(property.Name, MasterDataText.Message("InvalidEmail", caption, text));
                    else if (text.Length > 0 && UrlFields.Contains(property.Name) && !IsValidWebAddress(text))
                        Add(property.Name, MasterDataText.Message("InvalidUrl", caption, text));
                    break;
                case decimal number when NonNegativeFields.Contains(property.Name) && number < 0:
                    Add(property.Name, MasterDataText.Message("MustNotBeNegative", caption));
                    break;
                case decimal number when Math.Abs(number) > MaxAmount:
                    Add(property.Name, MasterDataText.Message("MustBeAtMost", caption, MaxAmount.ToString("N0", System.Globalization.CultureInfo.CurrentUICulture)));
                    break;
                case Enum option when !Enum.IsDefined(option.GetType(), option):
                    Add(property.Name, MasterDataText.Message("UnknownOption", caption, option));
                    break;
            }
        }

        if (entity is Contact { Type: ContactType.Person, BusinessRelation: not BusinessRelation.None })
            Add(nameof(Contact.BusinessRelation), MasterDataText.Message("PersonHasNoBusinessRelation"));

        return errors;
    }

    /// <summary>BC accepts several addresses separated by semicolons in an e-mail field.</summary>
    internal static bool IsValidEmailList(string text) =>
        text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts
        && parts.All(IsValidEmail);

    private static bool IsValidEmail(string address) =>
        MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address
        && parsed.Host.Contains('.')
        && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.');

    /// <summary>Like BC, "www.example.com" is fine without a scheme; anything else than http(s) is not.</summary>
    internal static bool IsValidWebAddress(string text)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Contains('.')
            && !text.Any(char.IsWhiteSpace);
    }
}
