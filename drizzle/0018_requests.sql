CREATE TABLE "onboarding_configs" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_approvals" (
	"ticket_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"status" text NOT NULL,
	"decided_by_account_id" uuid,
	"decided_by_name" text,
	"comment" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "ticket_approvals_ticket_id_step_index_pk" PRIMARY KEY("ticket_id","step_index"),
	CONSTRAINT "ticket_approvals_status_check" CHECK ("ticket_approvals"."status" in ('waiting', 'open', 'approved', 'rejected', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "ticket_secrets" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"password_ciphertext" text NOT NULL,
	"revealed_at" timestamp with time zone,
	"revealed_by_account_id" uuid,
	"revealed_by_name" text
);
--> statement-breakpoint
CREATE TABLE "ticket_steps" (
	"ticket_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"detail" text,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" jsonb,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_steps_ticket_id_key_pk" PRIMARY KEY("ticket_id","key"),
	CONSTRAINT "ticket_steps_status_check" CHECK ("ticket_steps"."status" in ('pending', 'running', 'waiting', 'done', 'needsManual', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "tickets_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"summary" text NOT NULL,
	"fields" jsonb NOT NULL,
	"approval" jsonb NOT NULL,
	"notifications" jsonb NOT NULL,
	"requested_by_account_id" uuid,
	"requested_by_name" text NOT NULL,
	"trigger_automation" boolean,
	"tenant_id" uuid,
	"entra_object_id" uuid,
	"desk_user_id" uuid,
	"flag" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_type_check" CHECK ("tickets"."type" in ('newStarter', 'leaver')),
	CONSTRAINT "tickets_status_check" CHECK ("tickets"."status" in ('awaitingApproval', 'rejected', 'approved', 'inProgress', 'scheduled', 'failed', 'completed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "onboarding_configs" ADD CONSTRAINT "onboarding_configs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_approvals" ADD CONSTRAINT "ticket_approvals_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_secrets" ADD CONSTRAINT "ticket_secrets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_steps" ADD CONSTRAINT "ticket_steps_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requested_by_account_id_accounts_id_fk" FOREIGN KEY ("requested_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_desk_user_id_desk_users_id_fk" FOREIGN KEY ("desk_user_id") REFERENCES "public"."desk_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_steps_due_idx" ON "ticket_steps" USING btree ("due_at") WHERE "ticket_steps"."status" in ('waiting', 'running', 'pending');--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_customer_created_idx" ON "tickets" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("requested_by_account_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_open_idx" ON "tickets" USING btree ("status") WHERE "tickets"."status" in ('awaitingApproval', 'inProgress', 'scheduled', 'failed');--> statement-breakpoint
CREATE INDEX "tickets_entra_user_idx" ON "tickets" USING btree ("tenant_id","entra_object_id") WHERE "tickets"."entra_object_id" is not null;