CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"document_number" text NOT NULL,
	"invoicebox_shipment_id" text,
	"status" text NOT NULL,
	"final" boolean NOT NULL,
	"lines" jsonb NOT NULL,
	"amount" integer NOT NULL,
	"vat_amount" integer NOT NULL,
	"created_by" text NOT NULL,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_document_number_uq" ON "shipments" USING btree ("order_id","document_number");