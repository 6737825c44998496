CREATE TABLE "csp_tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"default_domain" text,
	"reseller_relationship" boolean DEFAULT false NOT NULL,
	"gdap_relationships" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"consent_state" text DEFAULT 'unknown' NOT NULL,
	"consent_checked_at" timestamp with time zone,
	"consent_detail" jsonb,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csp_tenants_connection_tenant_key" UNIQUE("connection_id","tenant_id"),
	CONSTRAINT "csp_tenants_consent_state_check" CHECK ("csp_tenants"."consent_state" in ('unknown', 'granted', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "tenant_mappings" ALTER COLUMN "customer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "gdap_client_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD COLUMN "do_not_import" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD COLUMN "relationship_type" text;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD COLUMN "licence_import_type" text;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD COLUMN "exclude_from_intune" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "csp_tenants" ADD CONSTRAINT "csp_tenants_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD CONSTRAINT "tenant_mappings_target_check" CHECK (("tenant_mappings"."customer_id" is null) = "tenant_mappings"."do_not_import");--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD CONSTRAINT "tenant_mappings_relationship_type_check" CHECK ("tenant_mappings"."relationship_type" is null or "tenant_mappings"."relationship_type" in ('gdapAndDap', 'gdapOnly'));--> statement-breakpoint
ALTER TABLE "tenant_mappings" ADD CONSTRAINT "tenant_mappings_licence_import_type_check" CHECK ("tenant_mappings"."licence_import_type" is null or "tenant_mappings"."licence_import_type" in ('skus', 'subscriptions', 'both'));