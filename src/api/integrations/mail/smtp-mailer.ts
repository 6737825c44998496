import { createTransport } from 'nodemailer';
import type { ServerConfig } from '../../../contracts/config.js';

/** The server's `smtp` settings (src/contracts/config.ts). */
export type SmtpSettings = ServerConfig['smtp'];

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MailAttachment[];
}

/** Whether the SMTP server took the message for one recipient, and if not why, in words. */
export interface MailDelivery {
  to: string;
  ok: boolean;
  error: string | null;
}

export interface Mailer {
  /** Sends one message to all `to`; never throws: each recipient gets a delivery. */
  send(message: MailMessage): Promise<MailDelivery[]>;
}

/** Connecting, the greeting and each SMTP step get this long. */
const CONNECT_TIMEOUT_MS = 10_000;
/** An idle socket (e.g. while the message is sent) fails after this long. */
const SOCKET_TIMEOUT_MS = 30_000;

/** E-mail can be sent: the server configuration names an SMTP host and a sender. */
export function isMailConfigured(smtp: SmtpSettings): boolean {
  return Boolean(smtp.host && smtp.from);
}

/** What to set when e-mail is not configured (for refusals and the console). */
export const MAIL_NOT_CONFIGURED =
  'e-mail is not set up on this server: set smtp.host and smtp.from in the server configuration (ROLLCALL_SMTP_HOST, ROLLCALL_SMTP_FROM; see docs/operations.md) and restart Rollcall';

interface SmtpError extends Error {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  recipient?: string;
  rejectedErrors?: SmtpError[];
}

/** Removes the password (and its base64 forms used by AUTH) from text that may be shown or logged. */
function scrub(text: string, password: string | undefined): string {
  if (!password) return text;
  let out = text;
  const forms = [password, Buffer.from(password).toString('base64')];
  for (const form of forms) if (form) out = out.split(form).join('***');
  return out;
}

/** Node's codes for a certificate that cannot be trusted. */
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** The SMTP server's reply without its status code noise, e.g. `550 5.1.1 No such user`. */
function reply(error: SmtpError): string {
  return (error.response ?? '').trim().replace(/\s+/g, ' ').slice(0, 300);
}

/** An SMTP failure in words: what failed, where, and what the server said. */
export function describeSmtpError(error: unknown, smtp: SmtpSettings): string {
  const err = (error instanceof Error ? error : new Error(String(error))) as SmtpError;
  const where = `${smtp.host}:${smtp.port}`;
  const said = reply(err);
  const answer = said ? ` (it answered "${said}")` : '';
  const system = err.originalCode ?? (err.cause as { code?: string } | undefined)?.code ?? err.code;
  const detail = err.message.replace(/\s+/g, ' ').trim();
  let text: string;
  if (system === 'ECONNREFUSED') {
    text = `the SMTP server ${where} refused the connection: nothing is listening there or a firewall blocks it; check smtp.host and smtp.port`;
  } else if (err.code === 'EDNS' || system === 'ENOTFOUND' || system === 'EAI_AGAIN') {
    text = `the SMTP host ${smtp.host} could not be found (DNS); check smtp.host`;
  } else if (err.code === 'ETIMEDOUT' || system === 'ETIMEDOUT') {
    text = `the SMTP server ${where} did not answer in time; check smtp.host, smtp.port and the network`;
  } else if (err.code === 'EAUTH') {
    text = `the SMTP server refused to sign in as smtp.user${answer}; check the user name and password`;
  } else if (err.code === 'ENOAUTH') {
    text = `the SMTP server needs a sign-in: set smtp.user and ROLLCALL_SMTP_PASSWORD (or smtp.passwordFile)`;
  } else if (system && CERTIFICATE_CODES.test(system)) {
    text = `the SMTP server ${where}'s certificate is not trusted (${system}); check smtp.host matches its certificate, or trust its CA with NODE_EXTRA_CA_CERTS`;
  } else if (smtp.secure && /wrong version number|SSL routines|ERR_SSL/i.test(`${detail} ${system ?? ''}`)) {
    text = `the SMTP server ${where} does not speak TLS from the start (smtp.secure is true); use port 465, or set smtp.secure to false for STARTTLS on port 587`;
  } else if (err.code === 'ETLS' || /STARTTLS/i.test(err.message)) {
    text = smtp.secure
      ? `TLS with the SMTP server ${where} failed (${detail})`
      : `the SMTP server ${where} did not start TLS (${detail}); the report is not sent in clear while smtp.requireTls is true`;
  } else if (err.code === 'EENVELOPE' && err.command === 'MAIL FROM') {
    text = `the SMTP server refused the sender smtp.from${answer}`;
  } else if (err.code === 'EENVELOPE' && err.command === 'RCPT TO') {
    text = `the SMTP server refused this recipient${answer}`;
  } else if (err.code === 'ECONNECTION' || err.code === 'ESOCKET') {
    text = `the connection to the SMTP server ${where} failed (${detail})`;
  } else {
    text = `the SMTP server ${where} did not take the message (${detail})`;
  }
  return scrub(text, smtp.password);
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function addressOf(entry: unknown): string {
  return typeof entry === 'string' ? entry : String((entry as { address?: string }).address ?? '');
}

/**
 * A mailer over the configured SMTP server (nodemailer), or null when e-mail is not configured.
 * Each send opens its own connection (reports are rare) and closes it; nothing is logged.
 */
export function createSmtpMailer(smtp: SmtpSettings): Mailer | null {
  if (!isMailConfigured(smtp)) return null;
  return {
    async send(message) {
      const transport = createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        requireTLS: !smtp.secure && smtp.requireTls,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: CONNECT_TIMEOUT_MS,
        greetingTimeout: CONNECT_TIMEOUT_MS,
        socketTimeout: SOCKET_TIMEOUT_MS,
        tls: { minVersion: 'TLSv1.2' },
        logger: false,
        debug: false,
        // Attachments are built in memory: never read a path or URL a message might name.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: (message.attachments ?? []).map((a) => ({ ...a })),
        });
        const rejectedErrors = (info as { rejectedErrors?: SmtpError[] }).rejectedErrors ?? [];
        const accepted = (info.accepted ?? []).map(addressOf);
        return message.to.map((to) => {
          if (accepted.some((a) => sameAddress(a, to))) return { to, ok: true, error: null };
          const refused = rejectedErrors.find((e) => e.recipient && sameAddress(e.recipient, to));
          return {
            to,
            ok: false,
            error: refused
              ? describeSmtpError(refused, smtp)
              : 'the SMTP server did not accept this recipient',
          };
        });
      } catch (error) {
        const err = error as SmtpError;
        return message.to.map((to) => {
          const own = err.rejectedErrors?.find((e) => e.recipient && sameAddress(e.recipient, to));
          return { to, ok: false, error: describeSmtpError(own ?? err, smtp) };
        });
      } finally {
        transport.close();
      }
    },
  };
}
