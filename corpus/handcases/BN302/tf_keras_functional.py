import tensorflow as tf

inp = tf.keras.Input((64,))
x = tf.keras.layers.Dense(64, use_bias=False)(inp)
x = tf.keras.layers.BatchNormalization(axis=-1, momentum=0.01)(x)  # expect: BN302
out = tf.keras.layers.Dense(1)(tf.keras.layers.ReLU()(x))
model = tf.keras.Model(inp, out)
