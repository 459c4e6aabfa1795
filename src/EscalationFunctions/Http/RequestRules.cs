using System.Text.RegularExpressions;

namespace EscalationFunctions.Http;

/// <summary>What a well-formed request must also satisfy. Collects every problem, each under its field name.</summary>
public sealed partial class RequestRules
{
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    // The same rules as patterns, for the OpenAPI document (ECMA-262 and .NET read them alike).
    /// <summary>An id: letters, digits and <c>- _ . : @</c>, starting with a letter or digit.</summary>
    public const string IdPattern = "^[A-Za-z0-9][A-Za-z0-9._:@-]*$";

    /// <summary>A name: no control characters, and not blank.</summary>
    public const string NamePattern = @"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$";

    /// <summary>Free text: no control characters but line breaks and tabs.</summary>
    public const string TextPattern = @"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

    /// <summary>Free text that is required: as <see cref="TextPattern"/>, and not blank.</summary>
    public const string RequiredTextPattern = @"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*[^\s\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

    /// <summary>A phone number: digits, spaces, <c>( ) . -</c> and an optional leading <c>+</c>.</summary>
    public const string PhonePattern = @"^\+?[0-9][0-9 ().-]{4,30}$";

    /// <summary>A caller's token in a header (an Idempotency-Key): visible ASCII, inner spaces allowed.</summary>
    public const string TokenPattern = @"^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$";

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;
    public IDictionary<string, string[]> Errors => _errors;

    /// <summary>
    /// An identifier from another system (contact, account, agent, supervisor): at most 128 letters, digits and
    /// <c>- _ . : @</c>, starting with a letter or digit. Ids appear in URLs and storage keys, so nothing that could
    /// be read as a path (<c>/ \ ..</c>), a query, an escape or a control character is accepted.
    /// </summary>
    public RequestRules Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "This field is required.");
        if (value.Length > MaxIdLength) return Fail(field, $"At most {MaxIdLength} characters.");
        if (!IdRegex().IsMatch(value)) return Fail(field, "Letters, digits and - _ . : @ only, starting with a letter or digit.");
        return this;
    }

    /// <summary>An opaque token chosen by a caller (an Idempotency-Key): printable, no control characters, at most 128.</summary>
    public RequestRules Token(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "This field is required.");
        if (value.Length > MaxIdLength) return Fail(field, $"At most {MaxIdLength} characters.");
        if (value.Any(char.IsControl) || value != value.Trim()) return Fail(field, "Control characters and surrounding spaces are not allowed.");
        return this;
    }

    public RequestRules Name(string field, string? value, bool required = false)
    {
        if (value is null) return required ? Fail(field, "This field is required.") : this;
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "Must not be blank.");
        if (value.Length > MaxNameLength) return Fail(field, $"At most {MaxNameLength} characters.");
        if (value.Any(char.IsControl)) return Fail(field, "Control characters are not allowed.");
        return this;
    }

    /// <summary>Free text: line breaks and tabs allowed, other control characters not.</summary>
    public RequestRules Text(string field, string? value, bool required = false)
    {
        if (value is null) return required ? Fail(field, "This field is required.") : this;
        if (required && string.IsNullOrWhiteSpace(value)) return Fail(field, "Must not be blank.");
        if (value.Length > MaxTextLength) return Fail(field, $"At most {MaxTextLength} characters.");
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return Fail(field, "Control characters are not allowed.");
        return this;
    }

    public RequestRules Phone(string field, string? value)
    {
        if (value is not null && !PhoneRegex().IsMatch(value)) return Fail(field, "A phone number: digits, spaces, ( ) . - and an optional leading +.");
        return this;
    }

    public RequestRules Check(bool ok, string field, string message) => ok ? this : Fail(field, message);

    private RequestRules Fail(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    [GeneratedRegex(IdPattern)]
    private static partial Regex IdRegex();

    [GeneratedRegex(PhonePattern)]
    private static partial Regex PhoneRegex();
}
