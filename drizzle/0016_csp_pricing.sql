CREATE TABLE "csp_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"market" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"product_title" text NOT NULL,
	"sku_title" text NOT NULL,
	"term_duration" text NOT NULL,
	"billing_plan" text NOT NULL,
	"currency" text NOT NULL,
	"unit_cost" numeric(14, 4),
	"unit_price" numeric(14, 4),
	"effective_start" timestamp with time zone,
	"effective_end" timestamp with time zone,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD COLUMN "unit_cost" numeric(14, 4);--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD COLUMN "unit_price" numeric(14, 4);--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD COLUMN "pricing_period" text;--> statement-breakpoint
ALTER TABLE "csp_subscriptions" ADD COLUMN "priced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "csp_prices" ADD CONSTRAINT "csp_prices_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "csp_prices_offer_idx" ON "csp_prices" USING btree ("connection_id","market","product_id","sku_id","term_duration");