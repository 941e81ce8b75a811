import tensorflow as tf


class ConvBN(tf.keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = tf.keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)
        self.bn = tf.keras.layers.BatchNormalization(momentum=0.01)  # expect: BN302

    def call(self, x, training=None):
        return tf.nn.relu(self.bn(self.conv(x), training=training))
