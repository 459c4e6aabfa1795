using MimeKit;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class SmtpEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task With_an_smtp_host_configured_the_app_sends_over_smtp_instead_of_the_pickup_folder()
    {
        await using var smtp = new SmtpTestServer();
        await using var app = TestApp.Start(azurite.Azurite, smtp.Settings(("Email:From", "escalations@contoso.example")));

        var response = await app.PostAsync("/api/escalations", TestApp.Intake("contact-" + Guid.NewGuid().ToString("N"), threats: ["socialMedia"]));

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        await app.Dispatched();
        var mail = Assert.Single(smtp.Received);
        Assert.Equal(["acme-sups@example.com"], mail.To);
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        Assert.StartsWith("Threat flagged", message.Subject, StringComparison.Ordinal);
        Assert.Empty(app.MailFiles());
    }
}
