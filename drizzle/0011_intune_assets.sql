CREATE TABLE "asset_import_configs" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "asset_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"desk_user_id" uuid,
	"type_id" uuid NOT NULL,
	"status_id" uuid NOT NULL,
	"name" text NOT NULL,
	"serial_number" text,
	"match_key" text,
	"source" text NOT NULL,
	"connection_id" uuid,
	"tenant_id" uuid,
	"intune_device_id" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_seen_run_id" uuid,
	"removed_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_import_configs" ADD CONSTRAINT "asset_import_configs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_desk_user_id_desk_users_id_fk" FOREIGN KEY ("desk_user_id") REFERENCES "public"."desk_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_type_id_asset_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."asset_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_status_id_asset_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."asset_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_site_fk" FOREIGN KEY ("site_id","customer_id") REFERENCES "public"."sites"("id","customer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_statuses_name_key" ON "asset_statuses" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "asset_types_name_key" ON "asset_types" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "assets_intune_device_key" ON "assets" USING btree ("tenant_id","intune_device_id");--> statement-breakpoint
CREATE INDEX "assets_customer_match_idx" ON "assets" USING btree ("customer_id","match_key");--> statement-breakpoint
CREATE INDEX "assets_customer_name_idx" ON "assets" USING btree ("customer_id",lower("name") collate "C","id");--> statement-breakpoint
CREATE INDEX "assets_name_idx" ON "assets" USING btree (lower("name") collate "C","id");--> statement-breakpoint
CREATE INDEX "assets_connection_tenant_idx" ON "assets" USING btree ("connection_id","tenant_id");--> statement-breakpoint
CREATE INDEX "assets_desk_user_idx" ON "assets" USING btree ("desk_user_id");