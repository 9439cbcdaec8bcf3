using System.Globalization;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Resolves plain scalars the way kubectl does (go-yaml v2, YAML 1.1 core schema): null, booleans
/// (true/yes/on...), integers (decimal, 0x hex, 0 octal) and floats; everything else is a string.
/// </summary>
internal static class ManifestScalarTyping
{
    public static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    public static bool? Bool(string value) => value switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
        _ => null,
    };

    public static bool TryInteger(string value, out long result)
    {
        result = 0;
        if (value.Length == 0)
        {
            return false;
        }

        var span = value.AsSpan();
        var negative = false;
        if (span[0] is '-' or '+')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.Length == 0)
        {
            return false;
        }

        bool ok;
        if (span.Length > 2 && span[0] == '0' && span[1] is 'x' or 'X')
        {
            ok = long.TryParse(span[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result);
        }
        else if (span.Length > 2 && span[0] == '0' && span[1] is 'o' or 'O')
        {
            ok = TryOctal(span[2..], out result);
        }
        else if (span.Length > 1 && span[0] == '0')
        {
            ok = TryOctal(span[1..], out result);
        }
        else
        {
            ok = long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out result);
        }

        if (ok && negative)
        {
            result = -result;
        }

        return ok;
    }

    private static bool TryOctal(ReadOnlySpan<char> digits, out long result)
    {
        result = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || result > long.MaxValue / 8)
            {
                return false;
            }

            result = (result * 8) + (c - '0');
        }

        return digits.Length > 0;
    }

    public static bool TryFloat(string value, out double result)
    {
        result = 0;
        if (value.Length == 0 || !(char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.'))
        {
            return false;
        }

        // Reject things like "1.2.3" or "10.0.0.1" that double.TryParse would also reject, and infinities/NaN which JSON cannot hold.
        return double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out result)
            && double.IsFinite(result);
    }
}
