CREATE TABLE "csp_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid,
	"subscription_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"offer_name" text NOT NULL,
	"friendly_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_type" text,
	"status" text NOT NULL,
	"term_duration" text,
	"billing_cycle" text,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"is_trial" boolean DEFAULT false NOT NULL,
	"created_on" timestamp with time zone,
	"start_date" date,
	"commitment_end_date" date,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csp_subscriptions_subscription_key" UNIQUE("connection_id","subscription_id")
);
--> statement-breakpoint
CREATE TABLE "customer_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid,
	"sku_id" uuid NOT NULL,
	"sku_part_number" text NOT NULL,
	"friendly_name" text NOT NULL,
	"capability_status" text NOT NULL,
	"total_units" integer DEFAULT 0 NOT NULL,
	"consumed_units" integer DEFAULT 0 NOT NULL,
	"suspended_units" integer DEFAULT 0 NOT NULL,
	"warning_units" integer DEFAULT 0 NOT NULL,
	"locked_out_units" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_licences_sku_key" UNIQUE("connection_id","tenant_id","sku_id")
);
--> statement-breakpoint
CREATE TABLE "desk_user_licences" (
	"desk_user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sku_id" uuid NOT NULL,
	"disabled_plans" uuid[] DEFAULT '{}' NOT NULL,
	"via_group" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_user_licences_desk_user_id_sku_id_pk" PRIMARY KEY("desk_user_id","sku_id")
);
--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD CONSTRAINT "csp_subscriptions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD CONSTRAINT "csp_subscriptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_licences" ADD CONSTRAINT "customer_licences_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_licences" ADD CONSTRAINT "customer_licences_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_user_licences" ADD CONSTRAINT "desk_user_licences_desk_user_id_desk_users_id_fk" FOREIGN KEY ("desk_user_id") REFERENCES "public"."desk_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "csp_subscriptions_customer_idx" ON "csp_subscriptions" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_licences_customer_idx" ON "customer_licences" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "desk_user_licences_sku_idx" ON "desk_user_licences" USING btree ("tenant_id","sku_id");