namespace OneStop.Workflows.Server.Ui.Account;

/// <summary>
/// Where to go after signing in: only a local path of this server (<c>/x</c>, never <c>//host</c>, <c>/\host</c> or
/// an absolute URL), at most <see cref="MaxLength"/> characters, and never back to an account page; anything else is <c>/</c>.
/// </summary>
public static class ReturnUrl
{
    public const int MaxLength = 200;

    public static string Safe(string? url)
    {
        var local = Local(url);
        return local.StartsWith(UiRoutes.SignIn, StringComparison.OrdinalIgnoreCase) || local.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? "/"
            : local;
    }

    /// <summary><paramref name="url"/> when it is a local path of this server of at most <see cref="MaxLength"/> characters, else <c>/</c>.</summary>
    public static string Local(string? url) =>
        string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)
        || url.Any(c => char.IsControl(c) || c == '\\')
            ? "/"
            : url;

    /// <summary><paramref name="page"/> with <c>returnUrl</c> (and an optional error code) in the query.</summary>
    public static string To(string page, string? returnUrl, string? error = null)
    {
        var safe = Safe(returnUrl);
        var query = new List<string>();
        if (error is not null)
        {
            query.Add("error=" + Uri.EscapeDataString(error));
        }

        if (safe != "/")
        {
            query.Add("returnUrl=" + Uri.EscapeDataString(safe));
        }

        return query.Count == 0 ? page : page + "?" + string.Join('&', query);
    }
}
