CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"customer_id" uuid,
	"connection_id" uuid,
	"csp_subscription_id" uuid,
	"unit_price" numeric(14, 4),
	"unit_cost" numeric(14, 4),
	"currency" text,
	"price_period" text DEFAULT 'P1M' NOT NULL,
	"price_source" text DEFAULT 'none' NOT NULL,
	"billing_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_price_period_check" CHECK ("products"."price_period" in ('P1M', 'P1Y', 'P3Y')),
	CONSTRAINT "products_price_source_check" CHECK ("products"."price_source" in ('pricing', 'manual', 'none'))
);
--> statement-breakpoint
CREATE TABLE "recurring_invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"product_id" uuid,
	"csp_subscription_id" uuid,
	"quantity" numeric(18, 4) NOT NULL,
	"unit_price" numeric(14, 4),
	"period_fraction" numeric(14, 8) DEFAULT 1 NOT NULL,
	"amount" numeric(16, 2),
	"currency" text,
	"period_start" date,
	"period_end" date,
	"source_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recurring_invoice_lines_kind_check" CHECK ("recurring_invoice_lines"."kind" in ('recurring', 'proRata', 'adjustment', 'consumption', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "recurring_invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"cycle" text NOT NULL,
	"anchor_date" date NOT NULL,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recurring_invoices_cycle_check" CHECK ("recurring_invoices"."cycle" in ('monthly', 'quarterly', 'annual', 'triennial'))
);
--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_csp_subscription_id_csp_subscriptions_id_fk" FOREIGN KEY ("csp_subscription_id") REFERENCES "public"."csp_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_invoice_lines" ADD CONSTRAINT "recurring_invoice_lines_invoice_id_recurring_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."recurring_invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_invoice_lines" ADD CONSTRAINT "recurring_invoice_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_invoice_lines" ADD CONSTRAINT "recurring_invoice_lines_csp_subscription_id_csp_subscriptions_id_fk" FOREIGN KEY ("csp_subscription_id") REFERENCES "public"."csp_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_invoices" ADD CONSTRAINT "recurring_invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "products_csp_subscription_key" ON "products" USING btree ("csp_subscription_id");--> statement-breakpoint
CREATE INDEX "products_customer_idx" ON "products" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "recurring_invoice_lines_invoice_idx" ON "recurring_invoice_lines" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recurring_invoice_lines_source_key" ON "recurring_invoice_lines" USING btree ("source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "recurring_invoice_lines_one_recurring_per_subscription" ON "recurring_invoice_lines" USING btree ("csp_subscription_id") WHERE "recurring_invoice_lines"."kind" = 'recurring';--> statement-breakpoint
CREATE INDEX "recurring_invoices_customer_idx" ON "recurring_invoices" USING btree ("customer_id","created_at");