DROP INDEX "audit_events_occurred_idx";--> statement-breakpoint
CREATE INDEX "desk_users_name_key_idx" ON "desk_users" USING btree (lower("display_name") collate "C","id");--> statement-breakpoint
CREATE INDEX "desk_users_site_name_idx" ON "desk_users" USING btree ("site_id",lower("display_name") collate "C","id");--> statement-breakpoint
CREATE INDEX "desk_users_email_key_idx" ON "desk_users" USING btree (coalesce(lower("email"), '') collate "C","id");--> statement-breakpoint
CREATE INDEX "desk_users_upn_key_idx" ON "desk_users" USING btree (coalesce(lower("user_principal_name"), '') collate "C");--> statement-breakpoint
CREATE INDEX "desk_users_surname_key_idx" ON "desk_users" USING btree (coalesce(lower("surname"), '') collate "C");--> statement-breakpoint
CREATE INDEX "audit_events_page_idx" ON "audit_events" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_customer_page_idx" ON "audit_events" USING btree ("customer_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_page_idx" ON "audit_events" USING btree ("actor_id","occurred_at","id");