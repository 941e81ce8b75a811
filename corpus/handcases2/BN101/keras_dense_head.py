import keras
from keras import layers

inputs = keras.Input(shape=(32,))
h = layers.Dense(256)(inputs)  # expect: BN101
h = layers.BatchNormalization()(h)
h = layers.Activation("gelu")(h)
h = layers.Dense(256, use_bias=False)(h)
h = layers.BatchNormalization()(h)
outputs = layers.Dense(1)(layers.ReLU()(h))
model = keras.Model(inputs, outputs)
