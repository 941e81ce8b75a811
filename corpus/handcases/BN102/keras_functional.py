import tensorflow as tf
from tensorflow.keras import layers

inp = tf.keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(32, 3, activation="relu")(inp)
x = layers.SpatialDropout2D(0.1)(x)  # expect: BN102
x = layers.BatchNormalization()(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.AlphaDropout(0.1)(x)
x = layers.BatchNormalization()(x)
out = layers.Dense(10)(x)
model = tf.keras.Model(inp, out)
