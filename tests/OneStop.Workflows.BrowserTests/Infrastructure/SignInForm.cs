using Microsoft.Playwright;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>The sign-in form, found by its labels in either language.</summary>
public static class SignInForm
{
    public static async Task FillAsync(IPage page, string userName, string password)
    {
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(用户名|User name)$")).FillAsync(userName);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(密码|Password)$")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(登录|Sign in)$") }).ClickAsync();
    }
}
