import { describe, expect, it } from 'vitest';
import { notificationUrls } from './notification-urls.js';

describe('notificationUrls', () => {
  it('builds the webhook and lifecycle addresses from publicUrl', () => {
    expect(notificationUrls({ publicUrl: 'https://desk.example.com/rollcall/' })).toEqual({
      ok: true,
      notificationUrl: 'https://desk.example.com/rollcall/api/notifications/graph',
      lifecycleNotificationUrl: 'https://desk.example.com/rollcall/api/notifications/graph/lifecycle',
    });
  });

  it('refuses without publicUrl, or with plain http to anything but this machine', () => {
    expect(notificationUrls({})).toMatchObject({ ok: false, code: 'publicUrlMissing' });
    expect(notificationUrls({ publicUrl: 'http://desk.example.com' })).toMatchObject({
      ok: false,
      code: 'publicUrlNotHttps',
    });
    expect(notificationUrls({ publicUrl: 'http://127.0.0.1:3000' })).toMatchObject({ ok: true });
    expect(notificationUrls({ publicUrl: 'http://localhost:3000' })).toMatchObject({ ok: true });
  });
});
