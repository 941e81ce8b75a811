import tensorflow as tf
from tensorflow.keras import layers

inputs = tf.keras.Input(shape=(50, 64))
attn = layers.MultiHeadAttention(num_heads=4, key_dim=16)(inputs, inputs)
x = layers.Add()([inputs, attn])
x = layers.BatchNormalization()(x)  # expect: BN405
x = layers.GlobalAveragePooling1D()(x)
x = layers.BatchNormalization()(x)
outputs = layers.Dense(2)(x)
model = tf.keras.Model(inputs, outputs)
