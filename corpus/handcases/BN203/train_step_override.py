import tensorflow as tf
from tensorflow import keras


class CustomModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense1 = keras.layers.Dense(64, use_bias=False)
        self.bn = keras.layers.BatchNormalization()
        self.dense2 = keras.layers.Dense(1)

    def call(self, inputs, training=False):
        x = tf.nn.relu(self.bn(self.dense1(inputs), training=training))
        return self.dense2(x)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x)  # expect: BN203
            loss = self.compiled_loss(y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}

    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        self.compiled_loss(y, y_pred)
        return {}
