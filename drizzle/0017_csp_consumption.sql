CREATE TABLE "csp_consumption_configs" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "csp_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"period" text NOT NULL,
	"subscription_id" text NOT NULL,
	"meter_category" text NOT NULL,
	"meter_sub_category" text NOT NULL,
	"meter_name" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"cost" numeric(18, 6) NOT NULL,
	"currency" text NOT NULL,
	"line_items" integer NOT NULL,
	"sync_run_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "csp_consumption_configs" ADD CONSTRAINT "csp_consumption_configs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csp_usage" ADD CONSTRAINT "csp_usage_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csp_usage" ADD CONSTRAINT "csp_usage_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csp_usage" ADD CONSTRAINT "csp_usage_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "csp_usage_meter" ON "csp_usage" USING btree ("connection_id","tenant_id","period","subscription_id","meter_category","meter_sub_category","meter_name","unit","currency");--> statement-breakpoint
CREATE INDEX "csp_usage_customer_period" ON "csp_usage" USING btree ("customer_id","period");