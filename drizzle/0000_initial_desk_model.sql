CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"inactive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"inactive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_id_customer_key" UNIQUE("id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"client_secret_ciphertext" text,
	"certificate_key_ciphertext" text,
	"refresh_token_ciphertext" text,
	"inactive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_kind_check" CHECK ("connections"."kind" in ('entra', 'csp'))
);
--> statement-breakpoint
CREATE TABLE "tenant_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"default_site_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"tenant_id" uuid,
	"entra_object_id" uuid,
	"display_name" text NOT NULL,
	"given_name" text,
	"surname" text,
	"user_principal_name" text,
	"email" text,
	"network_login" text,
	"job_title" text,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"inactive" boolean DEFAULT false NOT NULL,
	"is_service_account" boolean DEFAULT false NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"manager_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_users_entra_key" UNIQUE("tenant_id","entra_object_id"),
	CONSTRAINT "desk_users_entra_link_check" CHECK (("desk_users"."tenant_id" is null) = ("desk_users"."entra_object_id" is null))
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"entra_object_id" uuid,
	"display_name" text NOT NULL,
	"email" text,
	"user_principal_name" text,
	"licence_type" text DEFAULT 'named' NOT NULL,
	"inactive" boolean DEFAULT false NOT NULL,
	"line_manager_id" uuid,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agents_entra_key" UNIQUE("tenant_id","entra_object_id"),
	CONSTRAINT "agents_entra_link_check" CHECK (("agents"."tenant_id" is null) = ("agents"."entra_object_id" is null)),
	CONSTRAINT "agents_licence_type_check" CHECK ("agents"."licence_type" in ('named', 'concurrent'))
);
--> statement-breakpoint
CREATE TABLE "inbound_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sync_run_id" uuid,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"external_id" text NOT NULL,
	"action" text NOT NULL,
	"reason_code" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"cursor" text,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_checkpoints_key" UNIQUE("connection_id","tenant_id","resource")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"module" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_runs_mode_check" CHECK ("sync_runs"."mode" in ('full', 'delta')),
	CONSTRAINT "sync_runs_status_check" CHECK ("sync_runs"."status" in ('running', 'succeeded', 'failed', 'stopped'))
);
--> statement-breakpoint
CREATE TABLE "outbound_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" jsonb,
	"request" jsonb,
	"response" jsonb,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_actions_status_check" CHECK ("outbound_actions"."status" in ('pending', 'running', 'succeeded', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"customer_id" uuid,
	"correlation_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_events_actor_type_check" CHECK ("audit_events"."actor_type" in ('agent', 'portal-user', 'system'))
);
--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD CONSTRAINT "tenant_mappings_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD CONSTRAINT "tenant_mappings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD CONSTRAINT "tenant_mappings_default_site_id_sites_id_fk" FOREIGN KEY ("default_site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_users" ADD CONSTRAINT "desk_users_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_users" ADD CONSTRAINT "desk_users_manager_id_desk_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."desk_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_users" ADD CONSTRAINT "desk_users_site_fk" FOREIGN KEY ("site_id","customer_id") REFERENCES "public"."sites"("id","customer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_line_manager_id_agents_id_fk" FOREIGN KEY ("line_manager_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_log" ADD CONSTRAINT "inbound_log_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_log" ADD CONSTRAINT "inbound_log_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_checkpoints" ADD CONSTRAINT "sync_checkpoints_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_actions" ADD CONSTRAINT "outbound_actions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_name_key" ON "customers" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_customer_name_key" ON "sites" USING btree ("customer_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_one_default_per_customer" ON "sites" USING btree ("customer_id") WHERE "sites"."is_default";--> statement-breakpoint
CREATE INDEX "sites_customer_idx" ON "sites" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_name_key" ON "connections" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_mappings_tenant_key" ON "tenant_mappings" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "desk_users_customer_name_idx" ON "desk_users" USING btree ("customer_id",lower("display_name") collate "C","id");--> statement-breakpoint
CREATE INDEX "desk_users_email_idx" ON "desk_users" USING btree ("customer_id",lower("email"));--> statement-breakpoint
CREATE INDEX "desk_users_upn_idx" ON "desk_users" USING btree ("customer_id",lower("user_principal_name"));--> statement-breakpoint
CREATE INDEX "desk_users_manager_idx" ON "desk_users" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "agents_email_idx" ON "agents" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "inbound_log_tenant_occurred_idx" ON "inbound_log" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "inbound_log_run_idx" ON "inbound_log" USING btree ("sync_run_id");--> statement-breakpoint
CREATE INDEX "sync_runs_tenant_started_idx" ON "sync_runs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_actions_idempotency_key" ON "outbound_actions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbound_actions_due_idx" ON "outbound_actions" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbound_actions_tenant_idx" ON "outbound_actions" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_type","target_id");