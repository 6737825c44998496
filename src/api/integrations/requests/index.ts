import type { ServerConfig } from '../../../contracts/config.js';
import type { JobLogger, JobRuntime, RequestJobDeps } from '../../../jobs/index.js';
import { createRequestWorkflowRepository, type Database, type SecretBox } from '../../../store/index.js';
import { runRequestWorkflow } from '../../../workflows/requests/run-workflow.js';
import type { ApiDeps } from '../../deps.js';
import { createSmtpMailer } from '../mail/smtp-mailer.js';
import { createRequestNotifier } from './request-notifier.js';
import { createRequestWorkflowDeps } from './workflow-deps.js';

/** The `requests` job family wired to the store, Microsoft, e-mail and the queue. */
export function createRequestJobDeps(deps: {
  db: Database;
  config: ServerConfig;
  secrets: () => Promise<SecretBox>;
  microsoft: ApiDeps['microsoft'];
  now: () => Date;
  jobs: () => JobRuntime | null;
  logger?: JobLogger;
}): RequestJobDeps {
  const notifier = createRequestNotifier({
    db: deps.db,
    mailer: createSmtpMailer(deps.config.smtp),
    ...(deps.config.publicUrl ? { publicUrl: deps.config.publicUrl } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  return {
    ...(deps.logger ? { logger: deps.logger } : {}),
    async run(requestId) {
      const workflow = createRequestWorkflowDeps({
        db: deps.db,
        secrets: await deps.secrets(),
        microsoft: deps.microsoft,
        now: deps.now,
        notify: async (id, event, detail) => {
          await deps.jobs()?.enqueue('requests.notify', { requestId: id, event, detail });
        },
      });
      return runRequestWorkflow(requestId, workflow);
    },
    due: (limit) => createRequestWorkflowRepository(deps.db).due(limit),
    notify: (payload) => notifier(payload),
  };
}
