import tensorflow as tf

inp = tf.keras.Input(shape=(32, 32, 3))
x = tf.keras.layers.Conv2D(32, 3, padding="same", use_bias=False)(inp)
x = tf.keras.layers.BatchNormalization()(x)
x = tf.keras.layers.ReLU()(x)
x = tf.keras.layers.SpatialDropout2D(0.2)(x)  # expect: BN102
x = tf.keras.layers.BatchNormalization()(x)
x = tf.keras.layers.GlobalMaxPooling2D()(x)
model = tf.keras.Model(inp, tf.keras.layers.Dense(10)(x))
