import { Module } from '@nestjs/common';
import { InvoiceboxController } from './invoicebox.controller';
import { OrdersService } from './orders.service';

@Module({ controllers: [InvoiceboxController], providers: [OrdersService] })
export class AppModule {}
