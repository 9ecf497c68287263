/** Where outbox mail goes: SES in AWS; locally nowhere but the dev mailbox page, which reads the outbox. */
import type { Mail } from '../../store/outbox.js';

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export const devMailbox: Mailer = { send: async () => {} };

export function sesMailer(from: string): Mailer {
  let client: import('@aws-sdk/client-sesv2').SESv2Client | undefined;
  return {
    async send(mail) {
      const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      client ??= new SESv2Client({});
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [mail.to] },
          Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
        }),
      );
    },
  };
}
