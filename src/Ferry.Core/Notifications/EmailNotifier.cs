using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Ferry.Core.Notifications;

/// <summary>Sends a plain-text mail through an SMTP server (MailKit): STARTTLS by default, optional authentication.</summary>
public sealed class EmailNotifier(NotificationChannel channel, string? password) : INotifier
{
    public string Name => channel.Name;

    public bool Wants(RunNotification notification) => channel.Events.Contains(notification.Event);

    public async Task SendAsync(RunNotification notification, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(channel.From!));
        foreach (var to in channel.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = (notification.IsTrouble ? "[ferry] ATTENTION: " : "[ferry] ") + notification.Title;
        message.Body = new TextPart("plain") { Text = notification.Text };

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(channel.Host!, channel.Port, Security(channel.Security), cancellationToken).ConfigureAwait(false);
        if (channel.Username is not null)
        {
            await smtp.AuthenticateAsync(channel.Username, password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await smtp.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await smtp.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    private static SecureSocketOptions Security(string setting) => setting switch
    {
        "none" => SecureSocketOptions.None,
        "ssl" => SecureSocketOptions.SslOnConnect,
        "starttls_when_available" => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.StartTls,
    };
}
