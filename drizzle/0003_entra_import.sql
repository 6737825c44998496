CREATE TABLE "cab_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"inactive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_role_assignments" (
	"agent_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "agent_role_assignments_agent_id_role_id_pk" PRIMARY KEY("agent_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "agent_teams" (
	"agent_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"can_be_assigned" boolean DEFAULT true NOT NULL,
	"can_see_unassigned" boolean DEFAULT true NOT NULL,
	"can_see_others" boolean DEFAULT true NOT NULL,
	"from_mapping" boolean DEFAULT false NOT NULL,
	CONSTRAINT "agent_teams_agent_id_team_id_pk" PRIMARY KEY("agent_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "cab_members" (
	"cab_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"cab_role_id" uuid,
	CONSTRAINT "cab_members_cab_id_agent_id_pk" PRIMARY KEY("cab_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "desk_user_role_assignments" (
	"desk_user_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "desk_user_role_assignments_desk_user_id_role_id_pk" PRIMARY KEY("desk_user_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "entra_import_configs" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "user_custom_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"module" text NOT NULL,
	"entra_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"candidates" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "sync_reviews_entra_key" UNIQUE("connection_id","tenant_id","module","entra_id"),
	CONSTRAINT "sync_reviews_module_check" CHECK ("sync_reviews"."module" in ('users', 'agents'))
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "desk_users" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "desk_users" ADD COLUMN "phone_number" text;--> statement-breakpoint
ALTER TABLE "desk_users" ADD COLUMN "mobile_number" text;--> statement-breakpoint
ALTER TABLE "desk_users" ADD COLUMN "employee_id" text;--> statement-breakpoint
ALTER TABLE "desk_users" ADD COLUMN "office_location" text;--> statement-breakpoint
ALTER TABLE "desk_users" ADD COLUMN "creation_type" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "network_login" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "job_title" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "phone_number" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "mobile_number" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "creation_type" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "default_team_id" uuid;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "trigger" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "graph_requests" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_role_assignments" ADD CONSTRAINT "agent_role_assignments_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_role_assignments" ADD CONSTRAINT "agent_role_assignments_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_teams" ADD CONSTRAINT "agent_teams_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_teams" ADD CONSTRAINT "agent_teams_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cab_members" ADD CONSTRAINT "cab_members_cab_id_cabs_id_fk" FOREIGN KEY ("cab_id") REFERENCES "public"."cabs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cab_members" ADD CONSTRAINT "cab_members_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cab_members" ADD CONSTRAINT "cab_members_cab_role_id_cab_roles_id_fk" FOREIGN KEY ("cab_role_id") REFERENCES "public"."cab_roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_user_role_assignments" ADD CONSTRAINT "desk_user_role_assignments_desk_user_id_desk_users_id_fk" FOREIGN KEY ("desk_user_id") REFERENCES "public"."desk_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_user_role_assignments" ADD CONSTRAINT "desk_user_role_assignments_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entra_import_configs" ADD CONSTRAINT "entra_import_configs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_reviews" ADD CONSTRAINT "sync_reviews_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cab_roles_name_key" ON "cab_roles" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "cabs_name_key" ON "cabs" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_key" ON "teams" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "agent_role_assignments_role_idx" ON "agent_role_assignments" USING btree ("role_id");--> statement-breakpoint
CREATE INDEX "agent_teams_team_idx" ON "agent_teams" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "cab_members_agent_idx" ON "cab_members" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "desk_user_role_assignments_role_idx" ON "desk_user_role_assignments" USING btree ("role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_custom_fields_name_key" ON "user_custom_fields" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "sync_reviews_open_idx" ON "sync_reviews" USING btree ("connection_id","created_at","id") WHERE "sync_reviews"."resolved_at" is null;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_default_team_id_teams_id_fk" FOREIGN KEY ("default_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_log_connection_page_idx" ON "inbound_log" USING btree ("connection_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_started_idx" ON "sync_runs" USING btree ("connection_id","started_at","id");--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_trigger_check" CHECK ("sync_runs"."trigger" in ('manual', 'scheduled', 'cli', 'api'));