import tensorflow as tf


class Head(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.fc = tf.keras.layers.Dense(128, activation="relu")
        self.drop = tf.keras.layers.Dropout(0.4)  # expect: BN102
        self.bn = tf.keras.layers.BatchNormalization()
        self.out = tf.keras.layers.Dense(10)

    def call(self, x, training=False):
        x = self.fc(x)
        x = self.drop(x, training=training)
        x = self.bn(x, training=training)
        return self.out(x)
