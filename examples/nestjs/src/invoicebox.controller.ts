import {
  InvoiceboxSignatureError,
  isMonitoringProbe,
  type NotificationReply,
  notificationReply,
  type OrderNotification,
  verifyNotification,
} from '@checkout/invoicebox';
import { Body, Controller, Get, Headers, HttpCode, Post, type RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import { config } from './config';
import { OrdersService } from './orders.service';

@Controller()
export class InvoiceboxController {
  // Only for this demo: the last notification that passed verification.
  private lastVerified: { notification: OrderNotification; rawBody: string } | null = null;

  // A value import of OrdersService: Nest reads the constructor's parameter types from decorator metadata.
  constructor(private readonly orders: OrdersService) {}

  @Post('orders')
  createOrder(@Body() body: { merchantOrderId?: string }) {
    return this.orders.create(body?.merchantOrderId ?? `A-${Date.now()}`);
  }

  // req.rawBody is the exact bytes Invoicebox signed; it exists because main.ts passes { rawBody: true }.
  // Never verify @Body(): that is the object Nest's JSON parser made from the bytes.
  @Post('webhooks/invoicebox')
  @HttpCode(200) // Invoicebox counts anything but 200 as a failed delivery
  webhook(
    @Req() req: RawBodyRequest<Request>,
    @Headers('x-signature') signature: string | undefined,
  ): NotificationReply {
    try {
      const notification = verifyNotification(req.rawBody as Buffer, signature, config.notificationKey);
      if (isMonitoringProbe(notification)) return notificationReply.success();
      // Here: find notification.merchantOrderId, compare amount and currency, mark it paid once.
      this.lastVerified = { notification, rawBody: req.rawBody?.toString('utf8') ?? '' };
      return notificationReply.success();
    } catch (error) {
      if (error instanceof InvoiceboxSignatureError) {
        console.error(error.message);
        return notificationReply.error('signature_error', error.message);
      }
      return notificationReply.error('out_of_service');
    }
  }

  @Get('notifications/last')
  last() {
    return this.lastVerified;
  }
}
