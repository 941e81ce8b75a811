import tensorflow as tf

head = tf.keras.Sequential([
    tf.keras.layers.Dense(512, use_bias=True),  # expect: BN101
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Activation("relu"),
    tf.keras.layers.Dense(10),
])
