ALTER TABLE "customers" ADD COLUMN "default_usage_location" text;--> statement-breakpoint
ALTER TABLE "outbound_actions" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "outbound_actions" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "outbound_actions" ADD COLUMN "requested_by" uuid;--> statement-breakpoint
CREATE INDEX "outbound_actions_subject_idx" ON "outbound_actions" USING btree ("subject_id","created_at") WHERE "outbound_actions"."subject_id" is not null;--> statement-breakpoint
CREATE INDEX "outbound_actions_batch_idx" ON "outbound_actions" USING btree ("batch_id") WHERE "outbound_actions"."batch_id" is not null;