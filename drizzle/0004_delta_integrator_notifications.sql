CREATE TABLE "graph_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"subscription_id" text,
	"client_state_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone,
	"last_error" jsonb,
	"last_notification_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrator_configs" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "integrator_tenant_states" (
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"module" text NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" jsonb,
	"next_due_at" timestamp with time zone,
	"quarantined_at" timestamp with time zone,
	"quarantine_reason" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integrator_tenant_states_pkey" PRIMARY KEY("connection_id","tenant_id","module")
);
--> statement-breakpoint
ALTER TABLE "sync_runs" DROP CONSTRAINT "sync_runs_trigger_check";--> statement-breakpoint
ALTER TABLE "sync_checkpoints" ADD COLUMN "state" jsonb;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "mode_reason" text;--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrator_configs" ADD CONSTRAINT "integrator_configs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrator_tenant_states" ADD CONSTRAINT "integrator_tenant_states_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "graph_subscriptions_key" ON "graph_subscriptions" USING btree ("connection_id","tenant_id","resource");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_subscriptions_microsoft_id" ON "graph_subscriptions" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_expiry_idx" ON "graph_subscriptions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "integrator_tenant_states_due_idx" ON "integrator_tenant_states" USING btree ("next_due_at") WHERE "integrator_tenant_states"."quarantined_at" is null;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_trigger_check" CHECK ("sync_runs"."trigger" in ('manual', 'scheduled', 'cli', 'api', 'notification'));