export * from './client';
export * from './hooks';
export * from './keys';
export * from './mutation';
export * from './types';
export * from './typed';
