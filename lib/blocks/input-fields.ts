/** The types an Input block's field may declare: the input block's schema checks them, templates write them. */
export const inputFieldTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type InputFieldType = (typeof inputFieldTypes)[number];
