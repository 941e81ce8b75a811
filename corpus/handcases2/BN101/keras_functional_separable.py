from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(96, 96, 3))
x = layers.SeparableConv2D(64, 3, padding="same")(inputs)  # expect: BN101
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
x = layers.SeparableConv2D(128, 3, padding="same", use_bias=False)(x)
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
outputs = layers.Dense(10, activation="softmax")(layers.GlobalAveragePooling2D()(x))
model = keras.Model(inputs, outputs)
