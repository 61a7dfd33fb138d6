import type { Metadata } from 'next';
import { ModelPricesSettings } from '@/components/settings/model-prices-settings';

export const metadata: Metadata = { title: 'Model prices' };

export default function ModelPricesSettingsPage() {
  return <ModelPricesSettings />;
}
