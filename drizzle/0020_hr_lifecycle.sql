CREATE TABLE "hr_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"run_id" uuid,
	"employee_id" text NOT NULL,
	"event" text NOT NULL,
	"action" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request" jsonb,
	"response" jsonb,
	"result" text NOT NULL,
	"message" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hr_events_result_check" CHECK ("hr_events"."result" in ('done', 'failed', 'dryRun', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "hr_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"file_name" text,
	"status" text NOT NULL,
	"counts" jsonb NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"held_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"staged" jsonb,
	"created_by_name" text NOT NULL,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hr_imports_status_check" CHECK ("hr_imports"."status" in ('applied', 'held', 'confirmed', 'discarded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "hr_persons" (
	"source_id" uuid NOT NULL,
	"employee_id" text NOT NULL,
	"person" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"removed_on" date,
	"scim_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scim_active" boolean DEFAULT true NOT NULL,
	"scim_user_name" text,
	"scim_external_id" text,
	"applied" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"object_id" text,
	"user_principal_name" text,
	"phase" text DEFAULT 'future' NOT NULL,
	"pending_actions" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"enforced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hr_persons_source_id_employee_id_pk" PRIMARY KEY("source_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "hr_rule_versions" (
	"source_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_account_id" uuid,
	"published_by_name" text NOT NULL,
	CONSTRAINT "hr_rule_versions_source_id_version_pk" PRIMARY KEY("source_id","version")
);
--> statement-breakpoint
CREATE TABLE "hr_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text NOT NULL,
	"rules_version" integer NOT NULL,
	"as_of" date NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"triggered_by_name" text NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "hr_runs_status_check" CHECK ("hr_runs"."status" in ('running', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "hr_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"config" jsonb NOT NULL,
	"json_token_ciphertext" text,
	"scim_token_hash" text,
	"scim_token_hint" text,
	"draft_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"draft_updated_at" timestamp with time zone,
	"published_version" integer DEFAULT 0 NOT NULL,
	"last_import_at" timestamp with time zone,
	"last_enforced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hr_sources_kind_check" CHECK ("hr_sources"."kind" in ('csv', 'json', 'scim'))
);
--> statement-breakpoint
ALTER TABLE "hr_events" ADD CONSTRAINT "hr_events_source_id_hr_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hr_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_events" ADD CONSTRAINT "hr_events_run_id_hr_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."hr_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_imports" ADD CONSTRAINT "hr_imports_source_id_hr_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hr_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_persons" ADD CONSTRAINT "hr_persons_source_id_hr_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hr_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_rule_versions" ADD CONSTRAINT "hr_rule_versions_source_id_hr_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hr_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_rule_versions" ADD CONSTRAINT "hr_rule_versions_published_by_account_id_accounts_id_fk" FOREIGN KEY ("published_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_runs" ADD CONSTRAINT "hr_runs_source_id_hr_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hr_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_sources" ADD CONSTRAINT "hr_sources_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hr_events_person_idx" ON "hr_events" USING btree ("source_id","employee_id","at");--> statement-breakpoint
CREATE INDEX "hr_events_run_idx" ON "hr_events" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "hr_imports_source_idx" ON "hr_imports" USING btree ("source_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hr_persons_scim_id_key" ON "hr_persons" USING btree ("scim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hr_persons_scim_user_name_key" ON "hr_persons" USING btree ("source_id",lower("scim_user_name"));--> statement-breakpoint
CREATE INDEX "hr_persons_name_idx" ON "hr_persons" USING btree ("source_id",lower("display_name"));--> statement-breakpoint
CREATE INDEX "hr_runs_source_idx" ON "hr_runs" USING btree ("source_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hr_sources_name_key" ON "hr_sources" USING btree (lower("name"));